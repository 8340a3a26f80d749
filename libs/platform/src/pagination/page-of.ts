import { getSchemaPath } from '@nestjs/swagger';

/** OpenAPI schema of a `{items, nextCursor}` page of the model (list it in @ApiExtraModels). */
export const pageOf = (model: Function) => ({
  schema: {
    properties: {
      items: { type: 'array', items: { $ref: getSchemaPath(model) } },
      nextCursor: { type: 'string', nullable: true },
    },
  },
});
