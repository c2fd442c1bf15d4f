import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createAppQueryClient, prefetchFirstPage } from './app/query-client';
import { createAppRouter, firstPage, startLoadingFirstPage } from './app/router';
import './styles/app.scss';

// The first page's code, the session and the page's data are asked for together, before anything renders:
// the page paints once the slowest of them has come, not after each in turn.
const queryClient = createAppQueryClient();
const first = firstPage(window.location.pathname);
startLoadingFirstPage(first.routes, prefetchFirstPage(queryClient, first));
const router = createAppRouter();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element to render into');

createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} router={router} />
  </StrictMode>,
);
