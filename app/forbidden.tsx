import Link from "next/link";
import { Banner } from "@/components/ui/banner";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <Banner tone="warn" title="You do not have access to this page (403)">
        <p>Your role does not include it. Ask an administrator if you need it during this incident.</p>
        <p className="mt-2">
          <Link className="underline" href="/">
            Back to the overview
          </Link>
        </p>
      </Banner>
    </main>
  );
}
