// Welsh strings for the Lit + @lit/localize floor (loaded only on a Welsh page; never in the bench).
export const templates = {
  question: "Ydych chi'n croesawu'r newid hwn?",
  'answer.yes': 'Ydw',
  'answer.no': 'Nac ydw',
};
