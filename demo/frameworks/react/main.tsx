// A React 19 app with <welcomed-prompt>: properties as props, one event through React 19's
// custom-element listener props (`onwelcomed-answer`), one through a ref and addEventListener
// (the way that also works in React 18). Types: ./welcomed-prompt.d.ts.
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'welcomed'; // registers <welcomed-prompt>: import it before the first render
import type { WelcomedPrompt, WelcomedResponse } from 'welcomed';

function ServicePage() {
  const [answer, setAnswer] = useState<WelcomedResponse['answer'] | null>(null);
  const [delivered, setDelivered] = useState(false);
  const prompt = useRef<WelcomedPrompt>(null);

  // The ref way: any event, any React version. The listener is typed by the package
  // (`event.detail` is `{ id }` here).
  useEffect(() => {
    const element = prompt.current;
    if (!element) return undefined;
    const onDelivered = () => setDelivered(true);
    element.addEventListener('welcomed-delivered', onDelivered);
    return () => element.removeEventListener('welcomed-delivered', onDelivered);
  }, []);

  return (
    <main>
      <h1>Garden waste collection</h1>
      <p>You can now renew your permit online. You no longer need to phone us.</p>
      <welcomed-prompt
        ref={prompt}
        endpoint="/api/responses"
        change="react-example"
        description="You can now renew your garden waste permit online."
        choices="yes partly no unsure"
        remember={0}
        onwelcomed-answer={(event) => setAnswer(event.detail.answer)}
      >
        <a href="/">Tell us what you think of renewing online</a>
      </welcomed-prompt>
      <p className="seen" data-answer={answer ?? ''} data-delivered={String(delivered)}>
        {answer ? `React saw the answer “${answer}”.` : 'No answer yet.'}
        {delivered ? ' The endpoint accepted it.' : ''}
      </p>
    </main>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <ServicePage />
  </StrictMode>,
);
