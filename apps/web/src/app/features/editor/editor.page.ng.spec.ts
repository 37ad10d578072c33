import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Session } from '../../core/auth/session';
import { EditorPage } from './editor.page';

// marked ships ES modules only, which this Jest setup cannot load (its own spec runs in the unit project); no preview is shown here.
jest.mock('../../shared/markdown/markdown', () => ({ renderMarkdown: (text: string) => text }));

// The browser suites (editor-comfort, native-forms, the selector contract) find the fields by these names, ids and texts.
describe('EditorPage fields', () => {
  let fixture: ComponentFixture<EditorPage>;
  let http: HttpTestingController;
  const page = () => fixture.nativeElement as HTMLElement;
  const input = (name: string) => page().querySelector<HTMLInputElement>(`[name="${name}"]`)!;
  /** An element's attributes, in any order, without Angular's style scoping. */
  const attributes = (element: Element | null) =>
    Object.fromEntries(Array.from(element?.attributes ?? [], ({ name, value }) => [name, value]).filter(([name]) => !name.startsWith('_ng')));

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), { provide: Session, useValue: { user: signal({ username: 'ann' }) } }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(EditorPage);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  it('labels each field and names it for the form post', () => {
    const fields = Array.from(page().querySelectorAll('.form-group'), (group) => ({
      label: group.querySelector('label')?.textContent?.trim(),
      for: group.querySelector('label')?.getAttribute('for'),
      field: attributes(group.querySelector('input, textarea')),
    }));
    expect(fields.slice(0, 2)).toEqual([
      { label: 'Article title', for: 'title', field: { id: 'title', class: 'form-control form-control-lg', type: 'text', name: 'title', required: '' } },
      { label: "What's this article about?", for: 'description', field: { id: 'description', class: 'form-control', type: 'text', name: 'description', required: '' } },
    ]);
    expect(input('title').getAttribute('aria-invalid')).toBeNull();
    expect(input('title').getAttribute('aria-describedby')).toBeNull();
  });

  it("shows each field's API error under it, names it as the field's description, and the others above the form", async () => {
    input('title').value = 'T';
    input('description').value = 'D';
    page().querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    http.expectOne('/api/articles').flush(
      { errors: { title: ['has already been taken'], description: ["can't be blank"], tagList: ['is too long'] } },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await fixture.whenStable();

    expect(page().querySelector('#title-error')?.textContent).toBe('title has already been taken');
    expect(page().querySelector('#description-error')?.textContent).toBe("description can't be blank");
    expect(attributes(page().querySelector('#title-error'))).toEqual({ id: 'title-error', class: 'field-error' });
    for (const name of ['title', 'description']) {
      expect([input(name).getAttribute('aria-invalid'), input(name).getAttribute('aria-describedby')]).toEqual(['true', `${name}-error`]);
    }
    expect(page().querySelector('#body-error')).toBeNull();
    expect(Array.from(page().querySelectorAll('.error-messages li'), (li) => li.textContent)).toEqual(['tagList is too long']);
  });
});
