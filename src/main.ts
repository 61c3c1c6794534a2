import { createApp } from 'vue';
import App from './ui/App.vue';

createApp(App).mount('#app');
