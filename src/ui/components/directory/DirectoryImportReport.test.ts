import { flushPromises, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buttonNames, byRole, getByRole } from '../../testing/harness';
import { contact, mountPanel, useLayout } from './directory-testing';

useLayout();
afterEach(() => vi.restoreAllMocks());

/** what Playwright's setInputFiles does: files on the input, then a change event */
async function chooseFile(
  wrapper: VueWrapper,
  text: string,
  name = 'contacts.csv',
): Promise<DOMWrapper<Element>> {
  const input = wrapper.find('input[type="file"]');
  expect(input.attributes('aria-label')).toBe('Import contacts');
  Object.defineProperty(input.element, 'files', { configurable: true, value: [new File([text], name)] });
  await input.trigger('change');
  await flushPromises();
  // the file parsers are their own chunk, loaded on the first import
  return vi.waitFor(() => getByRole(wrapper, 'dialog'), { timeout: 5000 });
}

const cells = (dialog: DOMWrapper<Element>) =>
  dialog.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()));

describe('DirectoryImportReport', () => {
  it('imports the valid rows and lists the skipped ones by line, reason and excerpt (as text)', async () => {
    const { wrapper, directory } = await mountPanel([]);
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => {});
    await getByRole(wrapper, 'button', 'Import contacts').trigger('click');
    expect(click).toHaveBeenCalled();
    const dialog = await chooseFile(
      wrapper,
      'First Name,Last Name,Mobile\nAlice,Martin,079 555 12 34\n<img src=x onerror=alert(1)>,,079 555 00 00\n',
    );
    expect(dialog.find(`#${dialog.attributes('aria-labelledby')}`).text()).toBe('Import report');
    expect(dialog.find('.directory-report__imported').text()).toBe('1 contact imported');
    expect(dialog.find('.directory-report__skipped').text()).toBe('1 row skipped');
    expect(dialog.findAll('th').map((th) => th.text())).toEqual(['Line', 'Reason', 'Excerpt']);
    expect(cells(dialog)).toEqual([
      ['3', 'No last name', expect.stringContaining('<img src=x onerror=alert(1)>')],
    ]);
    expect(document.querySelector('img')).toBeNull();
    expect(document.activeElement).toBe(getByRole(dialog, 'button', 'Close').element);
    expect(directory.personalCount).toBe(1);
    await getByRole(dialog, 'button', 'Close').trigger('click');
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
    expect(getByRole(wrapper, 'listitem').attributes('aria-label')).toBe('Martin Alice');
  });

  it('a file it cannot read imports nothing and says why', async () => {
    const { wrapper, directory } = await mountPanel([]);
    const dialog = await chooseFile(wrapper, '\u0000\u0001 not a contacts file', 'photo.vcf');
    expect(dialog.find('.directory-report__fatal').text()).toMatch(/^Nothing was imported: .+\.$/);
    expect(dialog.find('.directory-report__imported').exists()).toBe(false);
    expect(directory.personalCount).toBe(0);
    await dialog.trigger('keydown', { key: 'Escape' });
    expect(byRole(wrapper, 'dialog')).toHaveLength(0);
  });

  it('exports personal contacts as vCard and CSV through a temporary download link', async () => {
    const { wrapper } = await mountPanel([
      contact({
        id: 'personal:1',
        firstName: 'Alice',
        lastName: 'Martin',
        numbers: [{ kind: 'phone', value: '1201' }],
      }),
      contact({
        id: 'company:2',
        source: 'company',
        lastName: 'Corp',
        numbers: [{ kind: 'phone', value: '1202' }],
      }),
    ]);
    expect(buttonNames(getByRole(wrapper, 'group', 'Contact actions'))).toEqual([
      'New contact',
      'Import contacts',
      'Export vCard',
      'Export CSV',
    ]);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:x'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    await getByRole(wrapper, 'button', 'Export vCard').trigger('click');
    await vi.waitFor(() => expect(downloads).toEqual(['contacts.vcf']), { timeout: 5000 });
    await getByRole(wrapper, 'button', 'Export CSV').trigger('click');
    await vi.waitFor(() => expect(downloads).toEqual(['contacts.vcf', 'contacts.csv']));
    expect(document.querySelector('a[download]')).toBeNull();
    const [vcard, csv] = await Promise.all(blobs.map((b) => b.text()));
    expect(vcard).toContain('Martin');
    expect(vcard).not.toContain('Corp');
    expect(csv).toContain('Martin');
  });
});
