import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { of } from 'rxjs';
import { PendingDeletions } from './pending-deletions';
import { UndoBar } from './undo-bar';

describe('UndoBar', () => {
  let fixture: ComponentFixture<UndoBar>;
  let deletions: PendingDeletions;
  const schedule = (key: string) => deletions.schedule({ key, what: 'Comment', send: () => of(null) });
  const undoButton = (): HTMLButtonElement | null => fixture.nativeElement.querySelector('[data-testid="undo-deletion"] button');

  beforeEach(async () => {
    fixture = TestBed.createComponent(UndoBar);
    document.body.appendChild(fixture.nativeElement);
    deletions = TestBed.inject(PendingDeletions);
    await fixture.whenStable();
  });

  afterEach(() => fixture.nativeElement.remove());

  it('says what was deleted in a status region, and Undo takes it back', async () => {
    schedule('comment:1');
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('[role="status"]').textContent).toContain('Comment deleted.');
    undoButton()!.click();
    await fixture.whenStable();
    expect(undoButton()).toBeNull();
    expect(deletions.hidden().size).toBe(0);
  });

  it('gives focus to Undo when the pressed Delete button went with its item, and leaves a focus that is somewhere real', async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    schedule('comment:1');
    await fixture.whenStable();
    expect(document.activeElement).toBe(undoButton());
    undoButton()!.click();

    const field = document.body.appendChild(document.createElement('input'));
    field.focus();
    schedule('comment:2');
    await fixture.whenStable();
    expect(document.activeElement).toBe(field);
    field.remove();
  });
});
