// A plain GOV.UK look: Arial, black on white, blue links, green button, yellow focus.
import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    color: #0b0c0c;
    font-family: Arial, Helvetica, sans-serif;
    font-size: 1rem;
    line-height: 1.4;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .width {
    max-width: 960px;
    margin: 0 15px;
  }
  @media (min-width: 40.0625em) {
    :host {
      font-size: 1.1875rem;
    }
    .width {
      margin: 0 30px;
    }
  }
  @media (min-width: 1020px) {
    .width {
      margin: 0 auto;
    }
  }
  .header {
    background: #0b0c0c;
    color: #fff;
    border-bottom: 10px solid #1d70b8;
  }
  .header-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 10px;
    padding: 10px 0;
  }
  .service {
    font-weight: 700;
    font-size: 1.25rem;
  }
  .header-button {
    font: inherit;
    font-size: 1rem;
    color: #fff;
    background: none;
    border: 0;
    padding: 4px 0;
    text-decoration: underline;
    cursor: pointer;
  }
  .main {
    padding: 20px 0 40px;
  }
  h1,
  h2,
  h3,
  .change-heading,
  .link-button {
    overflow-wrap: anywhere;
  }
  .heading-l {
    font-size: 1.6rem;
    line-height: 1.2;
    margin: 0 0 20px;
  }
  .heading-m {
    font-size: 1.3rem;
    margin: 30px 0 15px;
  }
  .heading-s {
    font-size: 1.1rem;
    margin: 30px 0 10px;
  }
  @media (min-width: 40.0625em) {
    .heading-l {
      font-size: 2.25rem;
    }
    .heading-m {
      font-size: 1.5rem;
    }
  }
  .body {
    margin: 0 0 15px;
    max-width: 40em;
  }
  .hint {
    color: #484949;
    margin: 0 0 15px;
    max-width: 40em;
  }
  code {
    font-family: 'Courier New', monospace;
    overflow-wrap: anywhere;
  }
  a,
  .link-button {
    color: #1d70b8;
    text-decoration: underline;
    text-underline-offset: 0.1em;
  }
  a:visited {
    color: #4c2c92;
  }
  .link-button {
    font: inherit;
    font-weight: 700;
    background: none;
    border: 0;
    padding: 0;
    text-align: left;
    cursor: pointer;
  }
  .link-button[aria-current='true'] {
    color: #0b0c0c;
    text-decoration: none;
  }
  .link-button[aria-current='true']::after {
    content: ' (shown below)';
    font-weight: 400;
  }
  a:focus-visible,
  .link-button:focus-visible,
  .header-button:focus-visible,
  summary:focus-visible {
    outline: 3px solid transparent;
    color: #0b0c0c;
    background-color: #fd0;
    box-shadow:
      0 -2px #fd0,
      0 4px #0b0c0c;
    text-decoration: none;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    clip-path: inset(50%) !important;
    border: 0 !important;
    white-space: nowrap !important;
  }

  /* Form */
  .form-group {
    margin-bottom: 20px;
  }
  .form-group-error {
    padding-left: 15px;
    border-left: 5px solid #d4351c;
  }
  .label {
    display: block;
    font-weight: 700;
    margin-bottom: 5px;
  }
  .error-message {
    color: #d4351c;
    font-weight: 700;
    margin: 0 0 15px;
  }
  .input {
    font: inherit;
    width: 100%;
    max-width: 30em;
    height: 2.5em;
    padding: 5px;
    border: 2px solid #0b0c0c;
    border-radius: 0;
  }
  .input-error {
    border-color: #d4351c;
  }
  .input:focus {
    outline: 3px solid #fd0;
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px;
  }
  .button {
    font: inherit;
    font-weight: 400;
    color: #fff;
    background: #00703c;
    border: 2px solid transparent;
    border-radius: 0;
    box-shadow: 0 2px 0 #002d18;
    padding: 8px 10px 7px;
    cursor: pointer;
  }
  .button:hover {
    background: #005a30;
  }
  .button:focus-visible {
    outline: 3px solid transparent;
    border-color: #fd0;
    color: #0b0c0c;
    background: #fd0;
    box-shadow: inset 0 0 0 1px #fd0, 0 2px 0 #0b0c0c;
  }
  .button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }

  /* Error summary */
  .error-summary {
    border: 5px solid #d4351c;
    padding: 15px;
    margin-bottom: 30px;
  }
  .error-summary:focus {
    outline: 3px solid #fd0;
  }
  .error-summary-title {
    font-size: 1.3rem;
    margin: 0 0 15px;
  }
  .error-summary-list {
    margin: 0;
    padding: 0;
    list-style: none;
    font-weight: 700;
    color: #d4351c;
  }
  .error-summary-list a {
    color: #d4351c;
  }

  /* Results */
  .changes {
    list-style: none;
    margin: 0 0 30px;
    padding: 0;
  }
  .change-item {
    padding: 10px 0;
    border-bottom: 1px solid #b1b4b6;
  }
  .change-meta {
    display: block;
    color: #484949;
  }
  .change {
    border-top: 2px solid #1d70b8;
    padding-top: 20px;
  }
  .headline {
    margin: 0 0 10px;
    font-weight: 700;
    font-size: 1.3rem;
  }
  .headline-figure {
    display: block;
    font-size: 3rem;
    line-height: 1;
  }
  .inset {
    border-left: 10px solid #b1b4b6;
    padding: 15px;
    margin: 0 0 20px;
    max-width: 40em;
  }
  .table-scroll {
    overflow-x: auto;
    margin-block-start: 1rem;
  }
  .table {
    width: 100%;
    max-width: 40em;
    border-collapse: collapse;
    margin: 0 0 30px;
  }
  .caption {
    text-align: left;
    font-weight: 700;
    margin-bottom: 10px;
  }
  .table th,
  .table td {
    text-align: left;
    vertical-align: top;
    padding: 8px 10px 8px 0;
    border-bottom: 1px solid #b1b4b6;
  }
  .table thead th {
    font-weight: 700;
  }
  .table tbody th {
    font-weight: 400;
  }
  .table .numeric {
    text-align: right;
  }
  .table th:last-child,
  .table td:last-child {
    padding-right: 0;
  }
  .suppressed {
    color: #484949;
    font-style: italic;
  }
  .figure {
    margin: 0 0 15px;
    max-width: 30rem;
  }
  .chart {
    display: block;
    width: 100%;
    height: auto;
  }
  .chart .grid {
    stroke: #b1b4b6;
    stroke-width: 1;
  }
  .chart .axis {
    fill: #0b0c0c;
    font-size: 12px;
    font-family: Arial, Helvetica, sans-serif;
  }
  .chart .interval {
    stroke: #1d70b8;
    stroke-width: 2;
  }
  .chart .point {
    fill: #1d70b8;
    stroke: #fff;
    stroke-width: 1;
  }
  .details {
    margin: 0 0 30px;
  }
  .details-summary {
    color: #1d70b8;
    text-decoration: underline;
    cursor: pointer;
  }
  .details-text {
    padding: 15px 0 0 10px;
    border-left: 5px solid #b1b4b6;
    margin-top: 10px;
  }
  @media (min-width: 40.0625em) {
    .details-text {
      padding-left: 15px;
    }
  }
  .comments {
    list-style: none;
    margin: 0 0 30px;
    padding: 0;
    max-width: 40em;
  }
  .comment {
    border-bottom: 1px solid #b1b4b6;
    padding: 10px 0;
  }
  .comment-text {
    margin: 0 0 5px;
    overflow-wrap: anywhere;
    white-space: pre-line;
  }
  .comment-meta {
    margin: 0;
    color: #484949;
    font-size: 0.9em;
  }
`;
