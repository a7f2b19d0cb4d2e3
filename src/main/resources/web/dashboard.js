// The dashboard's own script, loaded from a file because the Content-Security-Policy forbids inline script.
// A button with data-copy="<element id>" copies that element's text.
document.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent);
    button.textContent = 'Copied';
  } catch (e) {
    button.textContent = 'Select the text and copy it';
  }
});
