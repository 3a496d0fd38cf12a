import { useEffect, useState } from "react";

/** The current path (history API); `navigate` pushes a new one. The server serves index.html for any page path. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    window.addEventListener("popstate", onPop);
    window.addEventListener("termsight:navigate", onPop);
    return () => {
      window.removeEventListener("popstate", onPop);
      window.removeEventListener("termsight:navigate", onPop);
    };
  }, []);
  return path;
}

export function navigate(to: string): void {
  history.pushState(null, "", to);
  window.dispatchEvent(new Event("termsight:navigate"));
}
