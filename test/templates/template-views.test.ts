// Team views drawn from persona templates: per-view field lists, mapped onto data-driven fields; CLI show --view for hand-made and data-driven personas.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate, DEFAULT_TEMPLATES } from '../../src/repository/templates/template-schema.js';
import { resolveView, templateFor, templateView } from '../../src/repository/views.js';
import { workspaceConfigSchema } from '../../src/contract/workspace-config.js';
import { readConfig, writeConfig } from '../../src/workspace/workspace.js';
import { builtDemo, cli, cliJson } from '../repository/helpers.js';

const NOW = { ARCHETYPE_NOW: '2025-07-01T12:00:00Z' };
const config = workspaceConfigSchema.parse({});
const tpl = (name: string) => DEFAULT_TEMPLATES.find((t) => t.name === name) ?? null;

describe('views from templates', () => {
  it('a hand-made persona shows its template fields for the view, then the view sections', () => {
    const fields = ['role', 'goals', 'problems', 'questions', 'channels'];
    const v = templateView(resolveView(config, 'sales'), tpl('basic'), fields);
    assert.deepEqual(v.fields, ['role', 'problems', 'goals', 'questions', 'questions_to_ask', 'interviews']);
    assert.equal(v.template, 'basic');
    assert.deepEqual(templateView(resolveView(config, 'cx'), tpl('basic'), fields).fields, ['problems', 'questions', 'goals', 'channels', 'journey', 'interviews']);
  });

  it('a data-driven persona gets the template fields mapped onto its own (problems → pain_points …)', () => {
    const fields = ['demographics', 'goals', 'pain_points', 'questions', 'behaviour', 'triggers', 'objections', 'motivations'];
    assert.deepEqual(templateView(resolveView(config, 'sales'), tpl('detailed'), fields).fields.slice(0, 6), ['triggers', 'objections', 'motivations', 'demographics', 'pain_points', 'questions']);
    // no template: the view as configured
    assert.deepEqual(templateView(resolveView(config, 'sales'), null, fields), resolveView(config, 'sales'));
  });

  it('persona_templates in archetype.yaml picks a template by id, name or *', () => {
    const c = workspaceConfigSchema.parse({ persona_templates: { p2: 'b2b-buyer', 'Gift giver': 'negative', '*': 'detailed' } });
    const all = DEFAULT_TEMPLATES;
    assert.equal(templateFor({ id: 'p2', name: 'x' }, c, all)?.name, 'b2b_buyer');
    assert.equal(templateFor({ id: 'p3', name: 'Gift giver' }, c, all)?.name, 'negative');
    assert.equal(templateFor({ id: 'p4', name: 'y' }, c, all)?.name, 'detailed');
    assert.equal(templateFor({ id: 'h1', name: 'y', template: 'basic' }, c, all)?.name, 'basic');
    assert.equal(templateFor({ id: 'p1', name: 'y' }, config, all), null);
  });

  it('a view naming a field the template lacks is a clear error', () => {
    assert.throws(
      () => parseTemplate('t.yaml', 'name: t\ndescription: x\nfields:\n  - name: goals\n    label: Goals\nviews:\n  cx: [goals, pains]\n'),
      /t\.yaml: field "views\.cx\.1": "pains" is not one of the template's fields \(goals\)/,
    );
  });
});

describe('show --view draws from the template (CLI)', () => {
  let dir: string;
  before(async () => {
    const demo = await builtDemo({ customers: 600, k: 4 });
    await demo.ws.engine.close();
    dir = demo.dir;
  });

  it('data-driven personas with persona_templates, hand-made ones unversioned and as a version', async () => {
    const plain = await cliJson<{ template?: string }>(dir, ['show', 'p1', '--view', 'ux'], NOW);
    assert.equal(plain.template, undefined);
    writeConfig(dir, { ...readConfig(dir), persona_templates: { '*': 'detailed' } });
    const drawn = await cliJson<{ template: string; field_order: string[] }>(dir, ['show', 'p1', '--view', 'ux'], NOW);
    assert.equal(drawn.template, 'detailed');
    assert.deepEqual(drawn.field_order.slice(0, 2), ['goals', 'pain_points']);
    const text = await cli(dir, ['show', 'p1', '--view', 'ux'], NOW);
    assert.equal(text.code, 0, text.stderr);
    const goals = text.stdout.search(/^Goals /m), pains = text.stdout.search(/^Pain points /m);
    assert.match(text.stdout, /view: ux \(template detailed\)/);
    assert.ok(goals > 0 && pains > goals, text.stdout);

    await cliJson(dir, ['persona', 'new', '--template', 'basic', '--name', 'Sales view'], NOW);
    await cliJson(dir, ['persona', 'edit', 'h1', '--field', 'role', '--add', 'Buys for the family'], NOW);
    const hand = await cli(dir, ['persona', 'show', 'h1', '--view', 'sales'], NOW);
    assert.match(hand.stdout, /view: sales \(role, problems, goals, questions\)/);
    assert.ok(!/^channels:/m.test(hand.stdout), 'channels is not in the sales view of basic');
    const { version } = await cliJson<{ version: number }>(dir, ['persona', 'version', 'h1'], NOW);
    const v = await cliJson<{ template: string; field_order: string[] }>(dir, ['show', 'h1', '--version', String(version), '--view', 'sales'], NOW);
    assert.equal(v.template, 'basic');
    assert.deepEqual(v.field_order.slice(0, 4), ['role', 'problems', 'goals', 'questions']);
  });
});
