import Markdown from "react-markdown";

/**
 * Notes are Markdown written by responders. Rendered without raw HTML (react-markdown's
 * default), and links open in a new tab without the opener: a pasted link cannot run script.
 * Images are shown as links, never loaded: an image in a note would make every viewer's
 * browser call the host it names (and tell it who is looking, and when).
 */
export function MarkdownBody({ text }: { text: string }) {
  return (
    <div className="prose-sm max-w-none space-y-2 text-sm [&_code]:rounded [&_code]:bg-surface-sunken [&_code]:px-1 [&_code]:font-mono [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-surface-sunken [&_pre]:p-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5 [&_a]:text-accent [&_a]:underline [&_h1]:text-base [&_h1]:font-semibold [&_h2]:text-base [&_h2]:font-semibold [&_h3]:mt-3 [&_h3]:text-sm [&_h3]:font-semibold [&_h3]:text-fg-muted">
      <Markdown
        skipHtml
        components={{
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
