// Entry of the classic-script build: registers <welcomed-prompt> and adds no global.
import './welcomed-prompt.js';
