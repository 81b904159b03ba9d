import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';
import { session } from './lib/session.svelte.ts';

// Ask who is signed in before the first render, so the answer is on its way while the app's code runs.
void session.refresh();

const target = document.getElementById('app');
if (!target) throw new Error('#app element is missing from index.html');

export default mount(App, { target });
