// The dossier page while it is being read: polls the progress (JSON), shows each stage, announces
// a new stage to screen readers, and reloads the page once the dossier is assessed (its verdict).
const box = document.getElementById("lecture");
const STATES = { done: "terminé", current: "en cours", todo: "à venir" };

function show(progress) {
  const total = progress.stages.length;
  const done = progress.stages.filter((s) => s.done).length;
  const current = progress.stages.find((s) => s.key === progress.current);
  for (const stage of progress.stages) {
    const item = box.querySelector(`[data-etape="${stage.key}"]`);
    const state = stage.done ? "done" : stage.key === progress.current ? "current" : "todo";
    if (item) {
      item.dataset.state = state;
      item.querySelector(".guichet-etat").textContent = STATES[state];
    }
  }
  const step = Math.min(done + 1, total);
  box.querySelector("#lecture-barre").dataset.frCurrentStep = String(step);
  box.querySelector("#lecture-numero").textContent = `Étape ${step} sur ${total}`;
  if (current) box.querySelector("#lecture-titre").firstChild.textContent = `${current.doing} `;
  if (progress.current !== box.dataset.current) {
    box.dataset.current = progress.current || "";
    if (current) box.querySelector("#lecture-annonce").textContent = `${current.doing} en cours.`;
  }
}

async function poll(delay) {
  let next = Math.min(delay * 2, 30000);
  try {
    const response = await fetch(box.dataset.url, { headers: { Accept: "application/json" }, cache: "no-store" });
    if (response.ok) {
      const progress = await response.json();
      if (!progress.pending) {
        window.location.reload(); // assessed (or failed): the page shows the verdict
        return;
      }
      show(progress);
      next = 2000;
    }
  } catch (error) {
    // offline, or the session ended (a login page is not JSON): try again later
  }
  window.setTimeout(() => poll(next), next);
}

if (box && box.dataset.pending === "oui") window.setTimeout(() => poll(2000), 2000);
