import { Matches } from 'class-validator';

/** Refuses "" and text of only whitespace ("   ", "\n\t") alike: a title or body nobody can see is blank. */
export const NotBlank = (): PropertyDecorator => Matches(/\S/, { message: "can't be blank" });
