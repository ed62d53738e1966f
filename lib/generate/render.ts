/**
 * Mustache, configured for code: no HTML escaping (every user value is
 * already encoded for its file's language by the view model) and strict
 * lookups, so a template that names something the view model lacks fails
 * loudly instead of silently emitting an empty string.
 */
import Mustache from "mustache";

class StrictContext extends Mustache.Context {
  push(view: unknown): Mustache.Context {
    return new StrictContext(view, this);
  }

  lookup(name: string): unknown {
    const value: unknown = super.lookup(name);
    if (value === undefined) throw new Error(`the view model has no value named "${name}"`);
    return value;
  }
}

const config = { escape: (value: unknown) => String(value) };

/** `partials`: by name, what `{{> name}}` includes; a name no layer supplies fails like a missing value. */
export function renderTemplate(path: string, template: string, view: object, partials: Record<string, string> = {}): string {
  const partial = (name: string) => {
    if (!(name in partials)) throw new Error(`no layer supplies the partial "${name}"`);
    return partials[name];
  };
  try {
    return Mustache.render(template, new StrictContext(view), partial, config);
  } catch (error) {
    throw new Error(`Rendering ${path}: ${(error as Error).message}`);
  }
}
