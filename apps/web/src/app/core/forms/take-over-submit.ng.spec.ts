import { EventPhase } from '@angular/core/primitives/event-dispatch';
import { takeOverSubmit } from './take-over-submit';

function formWith(html: string): HTMLFormElement {
  const form = document.createElement('form');
  form.innerHTML = html;
  return form;
}

const submitOf = (form: HTMLFormElement, eventPhase: number = Event.AT_TARGET) => {
  const preventDefault = jest.fn();
  return { event: { eventPhase, target: form, preventDefault } as unknown as SubmitEvent, preventDefault };
};

describe('takeOverSubmit', () => {
  const form = formWith(`
    <input name="email" value="  reader@example.com ">
    <input name="password" value=" secret with spaces ">
    <input type="checkbox" name="showAsReading" checked>
    <input type="checkbox" name="unchecked">`);

  it('stops the browser post and reads the fields: text trimmed, raw as typed, checkboxes as booleans', () => {
    const { event, preventDefault } = submitOf(form);
    const taken = takeOverSubmit(event, false)!;
    expect(preventDefault).toHaveBeenCalledTimes(1);
    expect(taken.element).toBe(form);
    expect([taken.text('email'), taken.raw('password'), taken.text('missing')]).toEqual(['reader@example.com', ' secret with spaces ', '']);
    expect([taken.checked('showAsReading'), taken.checked('unchecked')]).toEqual([true, false]);
  });

  it('leaves a replayed submit to the browser, which has posted it already', () => {
    const { event, preventDefault } = submitOf(form, EventPhase.REPLAY);
    expect(takeOverSubmit(event, false)).toBeNull();
    expect(preventDefault).not.toHaveBeenCalled();
  });

  it('stops a second submit while a write is in flight without posting anything', () => {
    const { event, preventDefault } = submitOf(form);
    expect(takeOverSubmit(event, true)).toBeNull();
    expect(preventDefault).toHaveBeenCalledTimes(1);
  });
});
