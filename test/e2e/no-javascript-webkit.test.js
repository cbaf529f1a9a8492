// The widget's fallback with JavaScript off, in webkit (test/support/no-javascript-tests.js).
import { noJavaScriptTests } from '../support/no-javascript-tests.js';

noJavaScriptTests('webkit');
