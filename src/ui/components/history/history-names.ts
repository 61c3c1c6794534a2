import { onMounted, readonly, ref } from 'vue';

/**
 * Whether history rows may ask the directory for names yet. The first lookup builds the contact
 * search index, a long task with thousands of contacts (right after start-up, before its warm-up
 * has run), so the first list ever shown paints its rows with the numbers and SIP display names
 * first and looks the names up from the next task. Later openings look them up at once.
 */
const ready = ref(false);

export const namesReady = readonly(ready);

/** called by the list: after its first paint (the frame after next), names may be looked up */
export function allowNamesAfterFirstPaint(): void {
  onMounted(() => {
    if (ready.value) return;
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => (ready.value = true))));
  });
}
