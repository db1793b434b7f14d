/** Entry: styles, the Api (preload or host-mode bridge), the store bound to it, the app. */
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi, getConnection } from './api/get-api';
import { bindApi } from './store';
import { App } from './App.dom';

bindApi(getApi());

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <App connection={getConnection()} />
  </StrictMode>,
);
