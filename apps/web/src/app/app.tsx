import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { meQueryOptions } from '@/features/auth/api/get-me';
import { AppProvider } from './provider';
import { createAppQueryClient } from './query-client';
import { createAppRouter } from './router';

export function App() {
  const [queryClient] = useState(() => {
    const client = createAppQueryClient();
    // Ask who is signed in at once, while the first page's code loads.
    void client.prefetchQuery(meQueryOptions());
    return client;
  });
  const [router] = useState(createAppRouter);
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
