/** Version of the widget, sent in every response. Kept equal to package.json by a test. */
export const WIDGET_VERSION = '0.1.0';
