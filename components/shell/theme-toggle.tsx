"use client";

import { useSyncExternalStore } from "react";
import { Moon, Sun, SunMoon } from "lucide-react";
import { resolveTheme, THEME_STORAGE_KEY, type ThemeChoice } from "./theme";

const NEXT: Record<ThemeChoice, ThemeChoice> = { auto: "dark", dark: "light", light: "auto" };
const LABEL: Record<ThemeChoice, string> = { auto: "Theme: automatic (dark at night)", dark: "Theme: dark", light: "Theme: light" };
const CHANGE_EVENT = "console-theme";

export function applyTheme(choice: ThemeChoice) {
  localStorage.setItem(THEME_STORAGE_KEY, choice);
  const dark = resolveTheme(choice, new Date().getHours(), matchMedia("(prefers-color-scheme: dark)").matches) === "dark";
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.dataset.themeChoice = choice;
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

// The choice lives on <html> (set before first paint by THEME_SCRIPT); React only reads it.
function subscribe(onChange: () => void) {
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => window.removeEventListener(CHANGE_EVENT, onChange);
}
const readChoice = () => (document.documentElement.dataset.themeChoice as ThemeChoice | undefined) ?? "auto";

export function ThemeToggle() {
  const choice = useSyncExternalStore(subscribe, readChoice, () => "auto" as ThemeChoice);
  const Icon = choice === "auto" ? SunMoon : choice === "dark" ? Moon : Sun;
  return (
    <button
      type="button"
      onClick={() => applyTheme(NEXT[choice])}
      className="rounded-md p-2 text-fg-muted hover:bg-surface-sunken hover:text-fg"
      aria-label={`${LABEL[choice]}. Switch to ${NEXT[choice]}.`}
      title={LABEL[choice]}
    >
      <Icon aria-hidden className="size-4" />
    </button>
  );
}
