// Preact + htm: JSX-like templates in tagged template literals, no build step.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
