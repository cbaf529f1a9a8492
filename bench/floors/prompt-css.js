// The stylesheet the three floor elements share: the same box, legend and buttons as the
// widget's ask step, in a few rules.
export const promptCss = `
:host { display: block; }
.prompt { padding: 1rem; border: 1px solid currentColor; }
.prompt > * + *:not(:empty) { margin-block-start: 1rem; }
p { margin: 0; }
fieldset { margin: 0; padding: 0; border: 0; min-width: 0; }
legend { padding: 0; margin: 0 0 .5rem; font-size: 1.1875em; font-weight: 700; line-height: 1.3; }
.answers { display: flex; flex-wrap: wrap; gap: .5rem; }
button { min-height: 44px; min-width: 44px; padding: .5em 1.25em; border: 2px solid transparent;
  border-block-end-color: rgba(0,0,0,.45); background: #f3f2f1; color: #0b0c0c; font: inherit;
  font-weight: 700; line-height: 1.2; cursor: pointer; }
button:focus-visible { outline: 3px solid #fd0; box-shadow: 0 0 0 6px #0b0c0c; background: #fd0; }
`;
