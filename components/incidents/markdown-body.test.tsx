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

  it("shows raw HTML as the text that was typed, in blocks and inline", () => {
    const html = renderToStaticMarkup(<MarkdownBody text={"<div>502 Bad Gateway</div>\n\nThe proxy said <b>no</b> twice"} />);
    expect(html).toContain("&lt;div&gt;502 Bad Gateway&lt;/div&gt;");
    expect(html).toContain("The proxy said &lt;b&gt;no&lt;/b&gt; twice");
    expect(html).not.toContain("<b>");
  });

  it("empties links that would run script or load a document from the link itself", () => {
    const html = renderToStaticMarkup(<MarkdownBody text={"[a](javascript:alert(1)) [b](data:text/html,<script>alert(1)</script>) [c](JaVaScRiPt:alert(1))"} />);
    expect(html).not.toMatch(/href="(javascript|data):/i);
  });
});
