import Link from "next/link";
import { Banner } from "@/components/ui/banner";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <Banner tone="info" title="Nothing here (404)">
        <Link className="underline" href="/">
          Back to the overview
        </Link>
      </Banner>
    </main>
  );
}
