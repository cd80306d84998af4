/** 简体中文：玩家控制台稍后加载的文字（顶部提醒与预算核对）。类型由 en.ts 决定。 */
import type { PlayerMessages } from './en';

const zh: PlayerMessages = {
  alerts: {
    title: '需要你处理',
    invalid: '你的草稿违反了规则：截止时将不采取任何行动。',
    fixCap: (cap: string) => `把补贴降到上限（${cap}）`,
    fixLand: (quota: string) => `只释放剩余的 ${quota} 平方公里`,
    fixFacility: '停止资助该设施',
    toForm: '前往你的决策',
    closing: (seconds: string) => `本轮剩余不到 ${seconds} 秒，你的城市还没有提交。`,
    submitNow: '立即提交',
    offer: (from: string, kind: string) => `${from} 向你提议：${kind}。`,
    seeOffer: '查看提议',
    answer: '去回复',
    event: (title: string) => `本轮：${title}`,
    dismiss: '关闭',
  },
  budget: {
    title: '预算核对',
    line: (total: string, most: string, available: string) => `预计支出 ${total}；若其他城市削减补贴或出价略低于你，最多 ${most}；可用 ${available}（预算加信用额度）`,
    parts: (subsidies: string, land: string, environment: string, projects: string, parks: string) =>
      `补贴 ${subsidies}（按模型预计的新来者）· 土地 ${land} · 环境 ${environment} · 项目 ${projects} · 园区运营 ${parks}`,
    note: '按模型本身的规则推算本轮，假定其他城市维持上一轮的补贴（公开出价时按其已提交的）。实际按真正到来的新来者支付；超出信用额度时只支付一部分。',
  },
};

export default zh;
