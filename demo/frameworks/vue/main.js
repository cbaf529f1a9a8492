// A Vue 3 app with <welcomed-prompt>, its template compiled in the browser. Vue must be told the
// tag is a custom element (compilerOptions.isCustomElement), or it looks for a Vue component of
// that name. With a build step (Vite + .vue files), set the same option in the Vue plugin
// instead: vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'welcomed-prompt' } } }).
//
// The full build (with the template compiler) is imported explicitly; `import … from 'vue'`
// gives the runtime-only build, which cannot compile a template string.
import { createApp, ref } from 'vue/dist/vue.esm-bundler.js';
import 'welcomed'; // registers <welcomed-prompt>

const app = createApp({
  setup() {
    const answer = ref('');
    // `@welcomed-answer` listens for the element's DOM event; `event.detail` is the response.
    const onAnswer = (event) => {
      answer.value = event.detail.answer;
    };
    return { answer, onAnswer };
  },
  template: `
    <main>
      <h1>Garden waste collection</h1>
      <p>You can now renew your permit online. You no longer need to phone us.</p>
      <welcomed-prompt
        endpoint="/api/responses"
        change="vue-example"
        description="You can now renew your garden waste permit online."
        choices="yes partly no unsure"
        :remember="0"
        @welcomed-answer="onAnswer">
        <a href="/">Tell us what you think of renewing online</a>
      </welcomed-prompt>
      <p class="seen" :data-answer="answer">
        {{ answer ? 'Vue saw the answer “' + answer + '”.' : 'No answer yet.' }}
      </p>
    </main>`,
});
app.config.compilerOptions.isCustomElement = (tag) => tag === 'welcomed-prompt';
app.mount('#app');
