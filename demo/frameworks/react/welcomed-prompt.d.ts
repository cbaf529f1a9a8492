// Typed JSX for <welcomed-prompt> in React 19, built from the package's own types: copy this
// file into your app. Props are set as properties (React 19 does so for custom elements whose
// class has them, so `import 'welcomed'` before rendering); `onwelcomed-answer` and friends are
// React 19's listeners for custom events, typed with each event's detail.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { WelcomedEventMap, WelcomedPrompt } from 'welcomed';

/** The element's public properties, each optional (`endpoint` and `change` are required at run time). */
type WelcomedPromptProperties = Partial<
  Pick<
    WelcomedPrompt,
    | 'endpoint'
    | 'change'
    | 'description'
    | 'question'
    | 'choices'
    | 'followUp'
    | 'privacyUrl'
    | 'remember'
    | 'transport'
    | 'strings'
  >
>;

/** `onwelcomed-answer`, `onwelcomed-delivered`, …: one listener prop per event. */
type WelcomedPromptEvents = {
  [Name in keyof WelcomedEventMap as `on${Name}`]?: (event: WelcomedEventMap[Name]) => void;
};

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'welcomed-prompt': DetailedHTMLProps<HTMLAttributes<WelcomedPrompt>, WelcomedPrompt> &
        WelcomedPromptProperties &
        WelcomedPromptEvents;
    }
  }
}
