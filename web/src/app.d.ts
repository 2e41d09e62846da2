// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Error {
      message: string;
      /** A stable error code from the API, when the error came from there. */
      code?: string;
    }
  }
}

export {};
