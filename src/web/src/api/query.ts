import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./client";

/** The one data cache: cached lists show at once and are re-read when a page mounts; a 4xx is an answer, not a reason to retry. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 0,
      refetchOnWindowFocus: false,
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});
