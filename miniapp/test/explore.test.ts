import { renderWeappPage, waitFor } from './weapp-shim';
test('explore', async () => {
  const h = renderWeappPage('pages/submit/index', { type: 'complaint' }, () => ({ statusCode: 200, data: {} }));
  await waitFor(() => h.page.dom.innerHTML.length > 200 && h.page.dom.innerHTML, 'render');
  console.log(h.page.dom.innerHTML.slice(0, 4000));
  console.log(h.page.querySelector('.submit-button'), h.page.querySelectorAll('.type-option').length);
});
