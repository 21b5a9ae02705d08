"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";

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
