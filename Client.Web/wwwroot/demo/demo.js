// The demo site: the widget's one script tag, with the widget key from ?key=.
import { embedWidget } from '../shared/embed.js';

if (!embedWidget()) document.getElementById('missing-key').hidden = false;
