/** Sizes and rules for events, shared by the server (enforced) and the web (shown). No zod here. */
export const webinarLimits = {
  titleMin: 3,
  titleMax: 150,
  descriptionMax: 5000,
  speakersMax: 500,
  locationMax: 300,
  durationMin: 5,
  /** A family weekend runs over several days. */
  durationMax: 4 * 24 * 60,
  capacityMax: 10_000,
  questionsMax: 10,
  questionLabelMax: 200,
  optionsMax: 20,
  optionMax: 100,
  answerMax: 500,
  materialsMax: 5000,
  urlMax: 500,
  chatMax: 1000,
  questionMax: 500,
  pollQuestionMax: 300,
  pollOptionsMin: 2,
  pollOptionsMax: 10,
  /** Chat messages a joiner gets from before they came in. */
  chatHistory: 100,
  /** Hours a promoted person has to confirm their seat. */
  offerHours: 24,
} as const;
