// Unit tests read numbers synchronously: load the number parser (its own chunk in the app) once.
import { loadNumberParser } from '@/directory';

await loadNumberParser();
