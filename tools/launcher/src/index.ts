export { startServiceProcess, type ServiceOutput, type ServiceProcess } from './service-process';
