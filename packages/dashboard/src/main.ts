import './styles.css';
import { DashboardApp } from './app';

new DashboardApp().start();
