/** Español: lo que la consola del jugador carga un momento después (avisos arriba y control del presupuesto). */
import type { PlayerMessages } from './en';

const es: PlayerMessages = {
  alerts: {
    title: 'Requiere su atención',
    invalid: 'Su borrador incumple una regla: al cierre no tendría ningún efecto.',
    fixCap: (cap: string) => `Bajar las subvenciones al límite (${cap})`,
    fixLand: (quota: string) => `Liberar solo los ${quota} km² que quedan`,
    fixFacility: 'Dejar de financiar la instalación',
    toForm: 'Ir a sus decisiones',
    closing: (seconds: string) => `Quedan menos de ${seconds} s de ronda y su ciudad no ha enviado nada.`,
    submitNow: 'Enviar ahora',
    offer: (from: string, kind: string) => `${from} le ofrece un acuerdo: ${kind}.`,
    seeOffer: 'Ver la oferta',
    answer: 'Responder',
    event: (title: string) => `Esta ronda: ${title}`,
    dismiss: 'Descartar',
  },
  budget: {
    title: 'Control del presupuesto',
    line: (total: string, most: string, available: string) =>
      `Gasto previsto ${total}, hasta ${most} si las demás ciudades recortan sus subvenciones o pujan justo por debajo, de ${available} disponibles (presupuesto más crédito)`,
    parts: (subsidies: string, land: string, environment: string, projects: string, parks: string) =>
      `subvenciones ${subsidies} (para los recién llegados que prevé el modelo) · suelo ${land} · entorno ${environment} · proyectos ${projects} · gestión de sus parques ${parks}`,
    note:
      'La propia regla del modelo aplicada a esta ronda, con las demás ciudades manteniendo las subvenciones de la ronda anterior (las enviadas, si las pujas son abiertas). Se paga por quienes lleguen de verdad; pasado el límite de crédito, solo en parte.',
  },
};

export default es;
