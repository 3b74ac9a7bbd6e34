import { render } from 'preact';
import { App } from './App.js';
import { currentLang } from './core/i18n.js';
import './styles.css';

document.documentElement.lang = currentLang();
render(<App />, document.getElementById('app')!);
