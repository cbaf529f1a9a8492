// Entry of the classic-script build: registers <welcomed-prompt> and adds no global.
import './element/welcomed-prompt.js';
