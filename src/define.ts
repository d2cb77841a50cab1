// Side effect: registers every element under its default tag.
import { defineAll } from './define-all.js';

defineAll();
