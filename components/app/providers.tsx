"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";
import { z } from "zod";

// zod compiles object schemas with `new Function` when it may; the page's Content-Security-Policy
// allows no eval, so its probe would be refused (and reported) on the first form parse.
z.config({ jitless: true });

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      {children}
      {/* In the header bar's empty middle: in a corner, a stack of toasts covered the switches and buttons at the
          right of forms, and the pointer resting on them kept them from going away. */}
      <Toaster position="top-center" offset={{ top: 6 }} richColors closeButton />
    </QueryClientProvider>
  );
}
