import { findControlCharacter } from '@spejl/shared';
import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';
import { AppError } from './errors.ts';

/**
 * The route validator: zod, as fastify-type-provider-zod compiles it, preceded by one check for every body, query
 * and path parameter of every route, so no route can forget it: a string with a control character (U+0000 first of
 * all, which PostgreSQL refuses) is answered 400 `validation.failed` and never reaches a query.
 */
export const requestValidatorCompiler: FastifySchemaCompiler<ZodType> = (route) => {
  const validate = validatorCompiler(route);
  if (route.httpPart === 'headers') return validate;
  return (data) => {
    const at = findControlCharacter(data);
    if (!at) return validate(data);
    return {
      error: new AppError('validation.failed', {
        details: {
          issues: [
            {
              path: [route.httpPart, ...at].join('.'),
              code: 'control_character',
              message: 'must not contain control characters',
            },
          ],
        },
      }),
    };
  };
};
