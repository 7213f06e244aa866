"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";
import { Menu, X } from "lucide-react";

/**
 * Below the md breakpoint the side navigation lives behind a menu button, in a modal
 * <dialog>: the page behind is inert, Tab cycles inside it (a bare modal dialog lets focus
 * leave for the browser's own controls), Escape closes it, and focus goes back to the button. Its content is rendered only while open, so the navigation and the
 * user block exist once in the accessibility tree at any width.
 */
export function MobileNav({ children }: { children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);

  // A followed link or a tap on the backdrop (the dialog element itself, outside its panel) closes the menu.
  const onClick = (event: MouseEvent<HTMLDialogElement>) => {
    const target = event.target as HTMLElement;
    if (target === event.currentTarget || target.closest("a")) dialog.current?.close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== "Tab") return;
    const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>("a[href], button:not([disabled])")];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-expanded={open}
        className="-ml-2 rounded-md p-2 text-fg-muted hover:bg-surface-sunken hover:text-fg md:hidden"
      >
        <Menu aria-hidden className="size-5" />
        <span className="sr-only">Menu</span>
      </button>
      <dialog
        ref={dialog}
        aria-label="Menu"
        onClose={() => setOpen(false)}
        onClick={onClick}
        onKeyDown={onKeyDown}
        className="fixed inset-y-0 left-0 m-0 h-dvh max-h-dvh w-72 max-w-[85vw] border-r border-border bg-surface-raised p-0 text-fg backdrop:bg-black/50"
      >
        {open ? (
          <div className="flex h-full flex-col px-3 py-4">
            <div className="mb-6 flex items-start justify-between gap-2">
              <a href="/" className="px-3">
                <span className="block text-sm font-bold tracking-tight">254Carbon</span>
                <span className="block text-xs text-fg-muted">Incident Console</span>
              </a>
              <button type="button" onClick={() => dialog.current?.close()} className="rounded-md p-2 text-fg-muted hover:bg-surface-sunken hover:text-fg">
                <X aria-hidden className="size-5" />
                <span className="sr-only">Close menu</span>
              </button>
            </div>
            {children}
          </div>
        ) : null}
      </dialog>
    </>
  );
}
