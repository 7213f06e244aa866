import Markdown from "react-markdown";

type MdNode = { type: string; value?: string; children?: MdNode[] };
const FLOW_PARENTS = new Set(["root", "blockquote", "listItem"]);

/**
 * Raw HTML in a note becomes its text: a responder pasting `<div>502 Bad Gateway</div>` from
 * a log sees what they pasted, and nothing of it is ever markup (skipHtml used to drop it).
 */
function remarkHtmlAsText() {
  const walk = (node: MdNode) => {
    node.children = node.children?.map((child) => {
      if (child.type !== "html") return (walk(child), child);
      const text = { type: "text", value: child.value ?? "" };
      return FLOW_PARENTS.has(node.type) ? { type: "paragraph", children: [text] } : text;
    });
  };
  return (tree: MdNode) => walk(tree);
}

/**
 * Notes are Markdown written by responders. Raw HTML is shown as text, never rendered, and
 * links open in a new tab without the opener; react-markdown's URL filter empties
 * `javascript:` and `data:` links, so a pasted link cannot run script.
 * Images are shown as links, never loaded: an image in a note would make every viewer's
 * browser call the host it names (and tell it who is looking, and when).
 * Headings sit one level down (a "# title" is an h2): the page's own title is its only h1.
 */
export function MarkdownBody({ text }: { text: string }) {
  return (
    <div className="prose-sm max-w-none space-y-2 text-sm [overflow-wrap:anywhere] [&_code]:rounded [&_code]:bg-surface-sunken [&_code]:px-1 [&_code]:font-mono [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-surface-sunken [&_pre]:p-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5 [&_a]:text-accent [&_a]:underline">
      <Markdown
        remarkPlugins={[remarkHtmlAsText]}
        components={{
          h1: ({ children }) => <h2 className="text-base font-semibold">{children}</h2>,
          h2: ({ children }) => <h3 className="text-base font-semibold">{children}</h3>,
          h3: ({ children }) => <h4 className="mt-3 text-sm font-semibold text-fg-muted">{children}</h4>,
          h4: ({ children }) => <h5 className="mt-3 text-sm font-semibold">{children}</h5>,
          h5: ({ children }) => <h6 className="mt-3 text-sm font-semibold">{children}</h6>,
          h6: ({ children }) => <h6 className="mt-3 text-sm font-semibold">{children}</h6>,
          // A long line scrolls inside the block; focusable so the keyboard can scroll it too.
          pre: ({ children }) => <pre tabIndex={0}>{children}</pre>,
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow">
              {children}
            </a>
          ),
          img: ({ src, alt }) => (
            <a href={typeof src === "string" ? src : undefined} target="_blank" rel="noopener noreferrer nofollow" data-image-link>
              [image{alt ? `: ${alt}` : ""}]
            </a>
          ),
        }}
      >
        {text}
      </Markdown>
    </div>
  );
}
