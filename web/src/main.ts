import { mount } from 'svelte';
import App from './App.svelte';
import { i18n } from './lib/i18n.svelte';
import './app.css';

// The page's messages first (one small chunk in the reader's language), then the app.
await i18n.use(i18n.initial());
mount(App, { target: document.getElementById('app')! });
