// Sentry's feedback widget with its SDK (@sentry/browser with feedbackIntegration, the
// synchronous build that includes the form), set up as its docs show, with the question as
// the trigger's label and the form's title. Its widget is a floating button (it has no
// inline Yes/No prompt). The DSN points at the bench server, which accepts envelopes.
import { feedbackIntegration, init } from '@sentry/browser';

const origin = new URL(import.meta.url).origin;
init({
  dsn: origin.replace('//', '//public@') + '/1',
  integrations: [
    feedbackIntegration({
      colorScheme: 'light',
      triggerLabel: 'Do you welcome this change?',
      formTitle: 'Do you welcome this change?',
      messageLabel: 'You can now renew your garden waste permit online. Tell us what you think.',
    }),
  ],
});
