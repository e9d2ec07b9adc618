// What persona synthesis needs from feedback text per segment (filled by the text analysis step).
import type { Quote } from './persona-types.js';

export interface TextStatement {
  text: string;
  sentences: number;
  customers: number;
  sentiment: number | null;
  quotes: Quote[];
}

export interface TextTheme {
  phrase: string;
  sentences: number;
  customers: number;
  share: number;
  allShare: number;
  lift: number | null;
  sentiment: number | null;
  quotes: Quote[];
}

export interface GroupText {
  feedback: number;
  customers: number;
  sentiment: number | null;
  themes: TextTheme[];
  goals: TextStatement[];
  pain_points: TextStatement[];
  questions: TextStatement[];
  motivations: TextStatement[];
  objections: TextStatement[];
  headline: Quote | null;
}
