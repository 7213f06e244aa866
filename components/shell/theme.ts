/**
 * Themes: "light", "dark", or "auto" (the default): dark from 19:00 to 07:00 in the viewer's
 * own time, for the night shift, and otherwise the operating system's preference.
 */
export const THEME_STORAGE_KEY = "console-theme";
export type ThemeChoice = "auto" | "light" | "dark";

export function resolveTheme(choice: ThemeChoice, hour: number, prefersDark: boolean): "light" | "dark" {
  if (choice !== "auto") return choice;
  if (hour >= 19 || hour < 7) return "dark";
  return prefersDark ? "dark" : "light";
}

/** Runs before first paint (inline in <head>) so the page never flashes the wrong theme. */
export const THEME_SCRIPT = `(function(){try{var c=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)})||"auto";var h=new Date().getHours();var d=c==="dark"||(c==="auto"&&(h>=19||h<7||matchMedia("(prefers-color-scheme: dark)").matches));document.documentElement.classList.toggle("dark",d);document.documentElement.dataset.themeChoice=c;}catch(e){}})();`;
