import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownBody } from "./markdown-body";

describe("MarkdownBody", () => {
  it("shows an image in a note as a link and never loads it", () => {
    const html = renderToStaticMarkup(<MarkdownBody text={"Graph: ![p99](https://tracker.example.com/pixel.png?who=me) and ![](//evil.example/x.gif)"} />);
    expect(html).not.toContain("<img");
    expect(html).toContain('href="https://tracker.example.com/pixel.png?who=me"');
    expect(html).toContain("[image: p99]");
  });

  it("renders no raw HTML", () => {
    const html = renderToStaticMarkup(<MarkdownBody text={'<img src="https://x.example/a.png"><script>alert(1)</script> done'} />);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
  });
});
