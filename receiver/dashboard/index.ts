// Entry of the dashboard bundle (receiver/dist/dashboard/dashboard.js): defines <welcomed-dashboard>.
export { WelcomedDashboard } from './welcomed-dashboard.js';
